import { describe, expect, it } from 'vitest';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { findPeopleByEmail, searchPeople } from './find';

const database = useMigratedDatabase('people_find');

describe('searchPeople', () => {
	it('finds by name or email, case-insensitively, names starting with the query first, at most the limit', async () => {
		const tag = crypto.randomUUID().slice(0, 8);
		const create = (name: string, email: string) =>
			database.db.person.create({ data: { name, email: `${email}-${tag}@example.com` } });
		const anna = await create(`Anna ${tag}`, 'anna');
		const joanna = await create(`Joanna ${tag}`, 'jo');
		const byEmail = await create('Someone', `hanna`);
		await create('Unrelated', 'zed');

		const found = await searchPeople(database.db, `ANNA`);
		const ids = found.map((p) => p.id);
		expect(ids).toContain(anna.id);
		expect(ids).toContain(joanna.id);
		expect(ids).toContain(byEmail.id);
		expect(ids.indexOf(anna.id)).toBeLessThan(ids.indexOf(joanna.id));
		expect(found.find((p) => p.id === anna.id)).toEqual({
			id: anna.id,
			name: `Anna ${tag}`,
			email: `anna-${tag}@example.com`
		});
		expect(await searchPeople(database.db, tag, 2)).toHaveLength(2);
		expect(await searchPeople(database.db, `%${tag}`)).toEqual([]);
	});
});

describe('findPeopleByEmail', () => {
	it('resolves normalised emails and lists the unknown ones', async () => {
		const email = `known-${crypto.randomUUID()}@example.com`;
		const known = await database.db.person.create({ data: { name: 'Known', email } });
		const result = await findPeopleByEmail(database.db, [
			` ${email.toUpperCase()} `,
			email,
			'nobody@example.com'
		]);
		expect(result).toEqual({ ids: [known.id], unknown: ['nobody@example.com'] });
	});
});
