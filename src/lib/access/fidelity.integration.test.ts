import { Liveblocks, type CreateRoomOptions } from '@liveblocks/node';
import type { Client } from '@liveblocks/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveEffectiveAccess } from '$lib/access';
import { hashPassword } from '$lib/server/passwords';
import { useAppUnderTest } from '../../../scripts/testing/app-under-test';
import { signIn } from '../../../scripts/testing/http-session';
import { joinOnce, liveblocksClientFor, type JoinOutcome } from '../../../scripts/testing/liveblocks-join';
import {
	categories,
	randomWorld,
	sourcesThatApply,
	type Category,
	type RandomPerson,
	type RoomAccesses
} from '../../../scripts/testing/random-access';

/**
 * The fidelity check: the resolver's prediction for a person in a room must be exactly what a real
 * @liveblocks/client, signed in through the app's ID-token endpoint, learns from the Liveblocks dev
 * server: refused at the door, or getSelf()'s canWrite and canComment.
 * Reproduce a failing run with FIDELITY_SEED=<the seed in the message>.
 */

const app = useAppUnderTest('fidelity');
const seed = Number(process.env.FIDELITY_SEED ?? Math.floor(Math.random() * 2 ** 32));
const tag = `fid${crypto.randomUUID().slice(0, 8)}`;
const password = crypto.randomUUID();
const concurrency = 8;

let liveblocks: Liveblocks;
let passwordHash: string;
const clients = new Map<string, Client>();

beforeAll(async () => {
	liveblocks = new Liveblocks({ secret: 'sk_localdev', baseUrl: app.liveblocksBaseUrl });
	passwordHash = await hashPassword(password);
});

/** Runs `work` on every item, at most `limit` at a time, keeping the order of the results. */
async function eachConcurrently<T, R>(
	items: readonly T[],
	limit: number,
	work: (item: T) => Promise<R>
): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await work(items[index]!);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}

/** Saves groups and people (with memberships) to the app's database and signs each person in. */
async function addPeople(groupIds: readonly string[], people: readonly RandomPerson[]) {
	await app.db.group.createMany({ data: groupIds.map((id) => ({ id, name: id })) });
	await app.db.person.createMany({
		data: people.map(({ id }) => ({ id, email: `${id}@example.com`, name: id, passwordHash }))
	});
	await app.db.groupMembership.createMany({
		data: people.flatMap((p) => p.groupIds.map((groupId) => ({ personId: p.id, groupId })))
	});
	await eachConcurrently(people, 4, async (person) => {
		const cookie = await signIn(app.url, `${person.id}@example.com`, password);
		clients.set(
			person.id,
			liveblocksClientFor({ appUrl: app.url, liveblocksBaseUrl: app.liveblocksBaseUrl, cookie })
		);
	});
}

function predict(accesses: RoomAccesses, person: RandomPerson): JoinOutcome {
	const { canConnect, canWrite, canComment } = resolveEffectiveAccess(accesses, {
		userId: person.id,
		groupIds: person.groupIds
	});
	return canConnect ? { refused: false, canWrite, canComment } : { refused: true };
}

function describeOutcome(outcome: JoinOutcome): string {
	if (outcome.refused) return 'refused';
	return `${outcome.canWrite ? 'write' : 'read-only'}, ${outcome.canComment ? 'comment' : 'no comment'}`;
}

function describeRoom(roomId: string, accesses: RoomAccesses, person: RandomPerson): string {
	const entries = (record: Record<string, string[]>) =>
		Object.entries(record)
			.map(([id, scopes]) => `${id}=[${scopes.join(' ')}]`)
			.join('; ') || '(none)';
	return [
		`room ${roomId}, person ${person.id} in groups [${person.groupIds.join(' ')}]`,
		`  default: [${accesses.defaultAccesses.join(' ')}]`,
		`  groups:  ${entries(accesses.groupsAccesses)}`,
		`  users:   ${entries(accesses.usersAccesses)}`
	].join('\n');
}

/** Creates the room on the dev server, then the person's real client enters it. */
async function reality(roomId: string, accesses: RoomAccesses, person: RandomPerson) {
	await liveblocks.createRoom(roomId, accesses as CreateRoomOptions);
	try {
		return await joinOnce(clients.get(person.id)!, roomId);
	} catch (error) {
		throw new Error(`Joining failed (${error}) for\n${describeRoom(roomId, accesses, person)}`, {
			cause: error
		});
	}
}

describe('the documented rules, against the real server and the resolver', () => {
	const ana = { id: `${tag}-ana`, groupIds: [`${tag}-editors`, `${tag}-viewers`] };
	const ben = { id: `${tag}-ben`, groupIds: [] };
	const [editors, viewers] = ana.groupIds as [string, string];
	const outsiders = `${tag}-outsiders`;

	beforeAll(() => addPeople([editors, viewers, outsiders], [ana, ben]));

	const writer: JoinOutcome = { refused: false, canWrite: true, canComment: true };
	const reader: JoinOutcome = { refused: false, canWrite: false, canComment: false };
	const cases: { name: string; person: RandomPerson; accesses: RoomAccesses; expected: JoinOutcome }[] = [
		{
			name: 'a user entry of read beats a group entry of write',
			person: ana,
			accesses: {
				defaultAccesses: [],
				groupsAccesses: { [editors]: ['room:write'] },
				usersAccesses: { [ana.id]: ['room:read'] }
			},
			expected: reader
		},
		{
			name: 'a group read beats a default write',
			person: ana,
			accesses: {
				defaultAccesses: ['room:write'],
				groupsAccesses: { [viewers]: ['room:read'] },
				usersAccesses: {}
			},
			expected: reader
		},
		{
			name: 'among several groups the highest wins',
			person: ana,
			accesses: {
				defaultAccesses: [],
				groupsAccesses: { [viewers]: ['*:read'], [editors]: ['*:write'] },
				usersAccesses: {}
			},
			expected: writer
		},
		{
			name: 'no base level from any source is refused',
			person: ben,
			accesses: {
				defaultAccesses: [],
				groupsAccesses: { [outsiders]: ['room:write'], [editors]: ['room:write'] },
				usersAccesses: { [ana.id]: ['room:write'] }
			},
			expected: { refused: true }
		},
		{
			name: 'an empty default and a group write lets the member in to write',
			person: ana,
			accesses: {
				defaultAccesses: [],
				groupsAccesses: { [editors]: ['room:write'] },
				usersAccesses: {}
			},
			expected: writer
		},
		{
			name: 'groups the person is not in do not count',
			person: ana,
			accesses: {
				defaultAccesses: ['room:read'],
				groupsAccesses: { [outsiders]: ['room:write'] },
				usersAccesses: {}
			},
			expected: reader
		},
		{
			name: 'per-resource overrides: read the room, write storage, no comments',
			person: ben,
			accesses: {
				defaultAccesses: ['*:read', 'storage:write', 'comments:none'],
				groupsAccesses: {},
				usersAccesses: {}
			},
			expected: { refused: false, canWrite: true, canComment: false }
		},
		{
			name: 'a later source overrides only the resources it sets',
			person: ana,
			accesses: {
				defaultAccesses: ['*:write', 'storage:read'],
				groupsAccesses: { [editors]: ['*:write'] },
				usersAccesses: {}
			},
			expected: { refused: false, canWrite: false, canComment: true }
		},
		{
			name: 'groups compete only on what each sets: an inherited level does not count',
			person: ana,
			accesses: {
				defaultAccesses: [],
				groupsAccesses: { [editors]: ['*:write'], [viewers]: ['*:read', 'storage:none'] },
				usersAccesses: {}
			},
			expected: { refused: false, canWrite: false, canComment: true }
		},
		{
			name: 'writing private comments is enough for canComment',
			person: ben,
			accesses: {
				defaultAccesses: ['*:read', 'comments:private:write'],
				groupsAccesses: {},
				usersAccesses: {}
			},
			expected: { refused: false, canWrite: false, canComment: true }
		}
	];

	cases.forEach(({ name, person, accesses, expected }, index) => {
		it(name, async () => {
			const roomId = `${tag}-rule-${index}`;
			expect(await reality(roomId, accesses, person), 'the real server').toEqual(expected);
			expect(predict(accesses, person), 'the resolver').toEqual(expected);
		});
	});
});

describe('random rooms, people and group memberships', () => {
	const world = randomWorld({ seed, tag, groups: 8, people: 60, rooms: 200 });

	beforeAll(() => addPeople(world.groupIds, world.people));

	it(`the resolver predicts every join (seed ${seed})`, { timeout: 120_000 }, async () => {
		const outcomes = await eachConcurrently(world.rooms, concurrency, (room) =>
			reality(room.id, room.accesses, room.person)
		);

		const mix = Object.fromEntries(categories.map((c) => [c, 0])) as Record<Category, number>;
		const mismatches: string[] = [];
		world.rooms.forEach((room, index) => {
			const actual = outcomes[index]!;
			mix[actual.refused ? 'refused' : sourcesThatApply(room.accesses, room.person)]++;
			const predicted = predict(room.accesses, room.person);
			if (describeOutcome(predicted) !== describeOutcome(actual)) {
				mismatches.push(
					`${describeRoom(room.id, room.accesses, room.person)}\n` +
						`  predicted: ${describeOutcome(predicted)}; actual: ${describeOutcome(actual)}`
				);
			}
		});
		console.info(`fidelity seed ${seed}: ${world.rooms.length} rooms,`, mix);

		expect(
			mismatches,
			`${mismatches.length} of ${world.rooms.length} joins differ (FIDELITY_SEED=${seed}):\n\n` +
				mismatches.join('\n\n')
		).toEqual([]);
		for (const category of categories) {
			expect(mix[category], `${category} joins (FIDELITY_SEED=${seed})`).toBeGreaterThanOrEqual(10);
		}
	});
});
