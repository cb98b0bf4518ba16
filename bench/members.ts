import { randomUUID } from 'node:crypto';
import { hashPassword } from '../src/lib/server/passwords';
import { connectDatabase } from '../src/lib/server/prisma-client';
import { signIn } from '../scripts/testing/http-session';

export interface Member {
	email: string;
	password: string;
}

/** Enough groups that members overlap in some and differ in others, as real teams do. */
const groupCount = 8;

/**
 * Creates `count` active members, each in 2 or 3 of `groupCount` groups, so the ID-token endpoint
 * reads real memberships. They share one password: argon2id costs ~19 MiB and tens of milliseconds
 * per hash, and the benchmark measures sign-in-free requests anyway.
 */
export async function seedMembers(databaseUrl: string, count: number): Promise<Member[]> {
	const password = `bench-${randomUUID()}`;
	const passwordHash = await hashPassword(password);
	const db = connectDatabase(databaseUrl);
	try {
		const groups = Array.from({ length: groupCount }, (_, index) => ({
			id: `bench-group-${index + 1}`,
			name: `Bench group ${index + 1}`
		}));
		await db.group.createMany({ data: groups });
		const members: Member[] = [];
		for (let index = 0; index < count; index += 1) {
			const email = `bench-member-${index + 1}@example.com`;
			const memberships = Array.from({ length: 2 + (index % 2) }, (_, n) => ({
				groupId: groups[(index + n * 3) % groupCount]!.id
			}));
			await db.person.create({
				data: {
					email,
					name: `Bench Member ${index + 1}`,
					role: 'member',
					color: '#2563eb',
					passwordHash,
					memberships: { create: memberships }
				}
			});
			members.push({ email, password });
		}
		return members;
	} finally {
		await db.$disconnect();
	}
}

/**
 * Signs every member in once and returns their session cookies, in order. Two at a time: each
 * sign-in verifies an argon2id hash, and the machine has two cores.
 */
export async function signInMembers(appUrl: string, members: readonly Member[]): Promise<string[]> {
	const cookies: string[] = new Array(members.length);
	let next = 0;
	const worker = async () => {
		for (let index = next++; index < members.length; index = next++) {
			const { email, password } = members[index]!;
			cookies[index] = await signIn(appUrl, email, password);
		}
	};
	await Promise.all([worker(), worker()]);
	return cookies;
}
