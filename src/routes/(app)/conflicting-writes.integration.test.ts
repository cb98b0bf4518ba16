import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedInAs, useAppUnderTest } from '../../../scripts/testing/app-under-test';
import { postFormAction } from '../../../scripts/testing/form-action';

// What the people and group pages answer when a database rule refuses a write: races between two
// admins, and references to what another admin just deleted. Always a message next to the field
// (409), never a 500.
const app = useAppUnderTest('conflicting_writes');

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

describe('two admins at once', () => {
	it('creates a person once for two simultaneous submissions of one email; the other hears it is taken', async () => {
		const [first, second] = [await signedInAs(app, 'admin'), await signedInAs(app, 'admin')];
		const email = `${unique('twice')}@example.com`;
		const results = await Promise.all(
			[first, second].map((cookie, i) =>
				postFormAction(app.url, cookie, '/people/new', { name: `Admin ${i}'s`, email, role: 'member' })
			)
		);
		expect(results.map((result) => result.type).sort()).toEqual(['failure', 'redirect']);
		const refused = results.find((result) => result.type === 'failure')!;
		expect(refused.status).toBe(409);
		expect(refused.data).toContain('That email is taken: another person already has it.');
		expect(await app.db.person.count({ where: { email } })).toBe(1);
	});

	it('creates a group once for two simultaneous submissions of one id; the other is told at the id', async () => {
		const [first, second] = [await signedInAs(app, 'admin'), await signedInAs(app, 'admin')];
		const id = unique('twins');
		const results = await Promise.all(
			[first, second].map((cookie) => postFormAction(app.url, cookie, '/groups/new', { id, name: 'Twins' }))
		);
		expect(results.map((result) => result.type).sort()).toEqual(['failure', 'redirect']);
		const refused = results.find((result) => result.type === 'failure')!;
		expect(refused.status).toBe(409);
		expect(refused.data).toContain('Another group already has this id.');
	});
});

describe('a reference to what was just deleted', () => {
	it('adds nobody when someone chosen was deleted since the group page loaded, and says so', async () => {
		const admin = await signedInAs(app, 'admin');
		const group = await app.db.group.create({ data: { id: unique('team'), name: 'Team' } });
		const [stays, leaves] = await Promise.all(
			['stays', 'leaves'].map((name) =>
				app.db.person.create({ data: { email: `${unique(name)}@example.com`, name } })
			)
		);
		await app.db.person.delete({ where: { id: leaves!.id } });
		const body = new URLSearchParams([
			['personIds', stays!.id],
			['personIds', leaves!.id]
		]);
		const response = await fetch(`${app.url}/groups/${group.id}?/add`, {
			method: 'POST',
			headers: {
				origin: app.url,
				cookie: admin,
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body
		});
		const result = (await response.json()) as { type: string; status: number; data: string };
		expect(result).toMatchObject({ type: 'failure', status: 409 });
		expect(result.data).toContain('Someone this change names was deleted meanwhile. Nothing was changed.');
		expect(await app.db.groupMembership.count({ where: { groupId: group.id } })).toBe(0);
	});

	it('tells an admin saving a person deleted meanwhile with a 404, not a 500', async () => {
		const admin = await signedInAs(app, 'admin');
		const gone = await app.db.person.create({
			data: { email: `${unique('gone')}@example.com`, name: 'Gone' }
		});
		await app.db.person.delete({ where: { id: gone.id } });
		const result = await postFormAction(app.url, admin, `/people/${gone.id}?/profile`, {
			name: 'Gone',
			email: gone.email,
			role: 'member'
		});
		expect(result.status).toBe(404);
	});
});
