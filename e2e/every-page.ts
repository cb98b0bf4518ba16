import type { World } from './fixtures';

// What the specs that visit every page (the accessibility scan, the phone layout) need to open
// each one with something on it. The names are long on purpose: they must wrap, not widen a page.

/** One of everything a staff page shows: a person in a group, a room both can write, a request, a bulk job. */
export async function staffWorld(world: World) {
	const group = await world.group();
	const person = await world.person({ name: 'Maximiliana Featherstonehaugh-Cholmondeley', groups: [group] });
	const roomId = await world.indexedRoom({
		defaultAccesses: ['room:read'],
		groupsAccesses: { [group]: ['room:write'] },
		usersAccesses: { [person.id]: ['room:write'] },
		metadata: { title: 'Quarterly planning for the design systems working group' }
	});
	const requestId = (
		await world.db.accessRequest.create({ data: { personId: person.id, roomId, message: 'Please' } })
	).id;
	const finishedAt = new Date();
	const jobId = (
		await world.db.bulkJob.create({
			data: {
				createdById: person.id,
				change: { kind: 'set-default', scopes: ['*:read'] },
				selection: 'search: planning',
				status: 'finished',
				finishedAt,
				rooms: { create: [{ roomId, status: 'unchanged', finishedAt }] }
			}
		})
	).id;
	return { group, person: person.id, roomId, requestId, jobId };
}

export type StaffWorld = Awaited<ReturnType<typeof staffWorld>>;

/** Every page admins and support staff can open (support reads the same pages read-only), in three parts. */
export function staffPages({ group, person, roomId, requestId, jobId }: StaffWorld) {
	return {
		'people and groups': [
			'/people',
			'/people/new',
			'/people/import',
			`/people/${person}`,
			`/people/${person}/delete`,
			'/groups',
			'/groups/new',
			`/groups/${group}`,
			`/groups/${group}/delete`
		],
		rooms: [
			'/rooms',
			'/rooms/new',
			`/rooms/${roomId}/access`,
			`/rooms/${roomId}/people`,
			`/rooms/${roomId}/live`,
			`/rooms/${roomId}/delete`,
			`/rooms/${roomId}/request-access`,
			'/rooms/bulk',
			'/rooms/bulk/new',
			`/rooms/bulk/${jobId}`
		],
		'requests, inspector, audit and account': [
			'/requests',
			`/requests/${requestId}`,
			'/inspect',
			`/inspect?person=${person}`,
			`/inspect?person=${person}&room=${roomId}`,
			'/audit',
			'/me',
			'/account/password',
			// The error pages: missing inside the app shell, and missing anywhere.
			'/people/no-such-person',
			'/no-such-page'
		]
	};
}

/** What a member's pages and the signed-out ones show: a room they can enter, one they cannot, an open invite. */
export async function memberWorld(world: World) {
	const open = await world.indexedRoom({
		defaultAccesses: ['room:write'],
		metadata: { title: 'Open house' }
	});
	const closed = await world.indexedRoom({ defaultAccesses: [], metadata: { title: 'Board room' } });
	return { open, closed, inviteToken: await world.invite() };
}
