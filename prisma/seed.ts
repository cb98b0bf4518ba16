import { randomBytes } from 'node:crypto';
import { Liveblocks, LiveblocksError, type CreateRoomOptions } from '@liveblocks/node';
import { hashPassword } from '../src/lib/server/passwords';
import { connectDatabase } from '../src/lib/server/prisma-client';
import { mirrorRoom } from '../src/lib/server/rooms/mirror';

/**
 * Demo data for local mode (the embedded database): an admin, a support person, members, groups
 * and three rooms whose matrices show the three ways to get access (default, group, person).
 * Every demo account shares one random password, made here and returned for the start script to
 * print: there is no password in the code.
 */
export async function seedDemoData(options: {
	databaseUrl: string;
	liveblocks: { secret: string; baseUrl?: string };
}): Promise<{ adminEmail: string; adminPassword: string }> {
	const db = connectDatabase(options.databaseUrl);
	const liveblocks = new Liveblocks(options.liveblocks);
	const password = randomBytes(9).toString('base64url');
	const passwordHash = await hashPassword(password);
	try {
		const groups = [
			{ id: 'designers', name: 'Designers', description: 'Product design team' },
			{ id: 'engineers', name: 'Engineers', description: 'Everyone who ships code' },
			{ id: 'reviewers', name: 'Reviewers', description: 'May read and comment on drafts' }
		];
		const people = [
			{ email: 'admin@gatehouse.local', name: 'Ada Admin', role: 'admin', color: '#1d4ed8', groups: [] },
			{
				email: 'support@gatehouse.local',
				name: 'Sam Support',
				role: 'support',
				color: '#0f766e',
				groups: []
			},
			{
				email: 'mia@gatehouse.local',
				name: 'Mia Designer',
				role: 'member',
				color: '#c026d3',
				groups: ['designers']
			},
			{
				email: 'will@gatehouse.local',
				name: 'Will Engineer',
				role: 'member',
				color: '#ea580c',
				groups: ['engineers']
			},
			{
				email: 'rae@gatehouse.local',
				name: 'Rae Reviewer',
				role: 'member',
				color: '#65a30d',
				groups: ['reviewers']
			},
			{ email: 'otto@gatehouse.local', name: 'Otto Outsider', role: 'member', color: '#64748b', groups: [] }
		] as const;

		const ids = await db.$transaction(async (tx) => {
			await tx.group.createMany({ data: groups });
			const byEmail: Record<string, string> = {};
			for (const { groups: groupIds, ...person } of people) {
				const created = await tx.person.create({ data: { ...person, passwordHash } });
				byEmail[person.email] = created.id;
				await tx.groupMembership.createMany({
					data: groupIds.map((groupId) => ({ personId: created.id, groupId }))
				});
			}
			return byEmail;
		});

		const rooms: DemoRoom[] = [
			{
				id: 'design-review',
				options: {
					metadata: { title: 'Design review' },
					defaultAccesses: [],
					groupsAccesses: { designers: ['room:write'], reviewers: ['room:read', 'comments:write'] },
					usersAccesses: {}
				}
			},
			{
				id: 'handbook',
				options: {
					metadata: { title: 'Team handbook' },
					defaultAccesses: ['room:read'],
					groupsAccesses: { engineers: ['room:write'] },
					usersAccesses: {}
				}
			},
			{
				id: 'launch-plan',
				options: {
					metadata: { title: 'Launch plan' },
					defaultAccesses: [],
					groupsAccesses: { engineers: ['room:read'] },
					usersAccesses: { [ids['will@gatehouse.local']!]: ['room:write'] }
				}
			}
		];
		// Mirrored too, so the rooms list shows them on the first visit.
		for (const room of rooms) await mirrorRoom(db, await createOrReplaceRoom(liveblocks, room));
		return { adminEmail: 'admin@gatehouse.local', adminPassword: password };
	} finally {
		await db.$disconnect();
	}
}

type DemoRoom = { id: string; options: CreateRoomOptions };

/** The Liveblocks data may outlive a wiped database, so an existing demo room is reset. */
async function createOrReplaceRoom(liveblocks: Liveblocks, room: DemoRoom) {
	try {
		return await liveblocks.createRoom(room.id, room.options);
	} catch (error) {
		if (!(error instanceof LiveblocksError && error.status === 409)) throw error;
		await liveblocks.deleteRoom(room.id);
		return liveblocks.createRoom(room.id, room.options);
	}
}
