import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveEffectiveAccess, type EffectiveAccess, type RoomAccesses } from '$lib/access';
import { accessOf, audienceLevels, sameAccess, type AudienceLevel } from '$lib/access/audience';
import { validScopes } from '$lib/access/arbitraries';
import { sortIds } from '$lib/identity';
import { accessSummary } from '$lib/labels';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { listRoomAudience, type AudiencePageQuery } from './audience';

const database = useMigratedDatabase('audience');

// Small pools so rooms, directories and memberships meet; 'ghost' and 'nobody' are named by rooms
// but not in the directory. Names repeat, so the keyset must order ties by id.
const groupIds = ['design', 'ops', 'sales', 'all'] as const;
const personIds = ['ana', 'ben', 'cleo', 'dev', 'eli', 'fay', 'gus', 'hal'] as const;
const scopes = fc.oneof(fc.constant<string[]>([]), validScopes);

const room: fc.Arbitrary<RoomAccesses> = fc.record({
	defaultAccesses: scopes,
	groupsAccesses: fc.dictionary(fc.constantFrom(...groupIds, 'ghost'), scopes),
	usersAccesses: fc.dictionary(fc.constantFrom(...personIds, 'nobody'), scopes)
});

type Person = { id: string; name: string; email: string; active: boolean; groups: string[] };
const directory: fc.Arbitrary<Person[]> = fc
	.uniqueArray(fc.constantFrom(...personIds), { maxLength: personIds.length })
	.chain((ids) =>
		fc.tuple(
			...ids.map((id) =>
				fc.record({
					id: fc.constant(id),
					name: fc.constantFrom('Kim Lee', 'Ada Ng', 'Bo Ray'),
					email: fc.constant(`${id}@example.com`),
					active: fc.boolean(),
					groups: fc.uniqueArray(fc.constantFrom(...groupIds))
				})
			)
		)
	);

const filter = fc.record({
	level: fc.option(fc.constantFrom(...audienceLevels)),
	everyone: fc.boolean(),
	group: fc.option(fc.constantFrom(...groupIds))
});

async function storeDirectory(people: Person[]) {
	const db = database.db;
	await db.$executeRaw`TRUNCATE "Person", "Group" CASCADE`;
	await db.group.createMany({ data: groupIds.map((id) => ({ id, name: `Group ${id}` })) });
	await db.person.createMany({
		data: people.map(({ id, name, email, active }) => ({
			id,
			name,
			email,
			status: active ? 'active' : 'deactivated'
		}))
	});
	await db.groupMembership.createMany({
		data: people.flatMap((person) => person.groups.map((groupId) => ({ personId: person.id, groupId })))
	});
}

type Listed = { id: string; access: EffectiveAccess };

/** Every page of the list, small pages so the cursor is walked. */
async function walk(accesses: RoomAccesses, query: Omit<AudiencePageQuery, 'size' | 'after'>) {
	const listed: Listed[] = [];
	let after: string | null = null;
	let counts: Record<AudienceLevel, number> | undefined;
	do {
		const { audience, page } = await listRoomAudience(database.db, accesses, { ...query, size: 2, after });
		counts ??= audience.counts;
		for (const row of page.people) {
			const ownEntry = Object.hasOwn(accesses.usersAccesses, row.id);
			listed.push({ id: row.id, access: accessOf(accesses, { ...row, ownEntry }) });
		}
		after = page.next;
	} while (after);
	return { listed, counts: counts! };
}

describe("a room's people with access", () => {
	it('are every active person the resolver lets in, with its levels and sources, through every filter', async () => {
		await fc.assert(
			fc.asyncProperty(room, directory, filter, async (accesses, people, { level, everyone, group }) => {
				await storeDirectory(people);
				const byName = [...people].sort((a, b) =>
					a.name !== b.name ? (a.name < b.name ? -1 : 1) : a.id < b.id ? -1 : 1
				);
				const resolved = byName
					.filter((person) => person.active)
					.map((person) => ({
						person,
						access: resolveEffectiveAccess(accesses, { userId: person.id, groupIds: sortIds(person.groups) })
					}))
					.filter(({ access }) => access.canConnect);
				const defaultAccess = resolveEffectiveAccess(
					{ ...accesses, usersAccesses: {} },
					{ userId: '', groupIds: [] }
				);
				const onlyDifferent = defaultAccess.canConnect && !everyone;

				const expected = resolved
					.filter(({ access }) => !level || accessSummary(access) === level)
					.filter(({ access }) => !onlyDifferent || !sameAccess(access, defaultAccess))
					.filter(({ person }) => !group || person.groups.includes(group))
					.map(({ person, access }) => ({ id: person.id, access }));
				const { listed, counts } = await walk(accesses, { q: '', level, everyone, group });
				expect(listed).toEqual(expected);

				const expectedCounts = Object.fromEntries(
					audienceLevels.map((summary) => [
						summary,
						resolved.filter(({ access }) => accessSummary(access) === summary).length
					])
				);
				expect(counts).toEqual(expectedCounts);
			}),
			{ numRuns: 120 }
		);
	});

	it('finds people by the people list search, word starts included', async () => {
		const people: Person[] = [
			{ id: 'ana', name: 'Ana Ngozi', email: 'ana@example.com', active: true, groups: ['design'] },
			{ id: 'ben', name: 'Ben Jung', email: 'ben@example.com', active: true, groups: ['design'] },
			{ id: 'cleo', name: 'Cleo Ng', email: 'cleo@example.com', active: true, groups: [] }
		];
		await storeDirectory(people);
		const accesses = {
			defaultAccesses: [],
			groupsAccesses: { design: ['room:read'] },
			usersAccesses: { cleo: ['room:write'] }
		};
		const query = { level: null, everyone: false, group: null };
		expect((await walk(accesses, { ...query, q: 'ng' })).listed.map(({ id }) => id)).toEqual(['ana', 'cleo']);
		expect((await walk(accesses, { ...query, q: 'jung' })).listed.map(({ id }) => id)).toEqual(['ben']);
	});

	it('resolves rooms naming more groups than a bigint mask holds', async () => {
		const many = Array.from({ length: 70 }, (_, index) => `g${String(index).padStart(2, '0')}`);
		await database.db.$executeRaw`TRUNCATE "Person", "Group" CASCADE`;
		await database.db.group.createMany({ data: many.map((id) => ({ id, name: id })) });
		await database.db.person.createMany({
			data: ['ana', 'ben'].map((id) => ({ id, name: id, email: `${id}@example.com` }))
		});
		await database.db.groupMembership.createMany({
			data: [
				{ personId: 'ana', groupId: 'g69' },
				{ personId: 'ana', groupId: 'g05' },
				{ personId: 'ben', groupId: 'g00' }
			]
		});
		const accesses = {
			defaultAccesses: [],
			groupsAccesses: Object.fromEntries(
				many.map((id) => [id, id === 'g69' ? ['room:write'] : ['room:read']])
			),
			usersAccesses: {}
		};
		const query = { q: '', level: null, everyone: false, group: null };
		const { listed, counts } = await walk(accesses, query);
		expect(listed.map(({ id, access }) => [id, accessSummary(access), access.decidedBy.room])).toEqual([
			['ana', 'Can edit', { kind: 'group', groupId: 'g69' }],
			['ben', 'Can view', { kind: 'group', groupId: 'g00' }]
		]);
		expect(counts).toEqual({ 'Can edit': 1, 'Can comment': 0, 'Can view': 1 });
		expect((await walk(accesses, { ...query, group: 'g69' })).listed.map(({ id }) => id)).toEqual(['ana']);
	});
});
