import type { Database } from '../src/lib/server/prisma-client';

export interface PeopleSeed {
	people: number;
	groups: number;
}

/**
 * Fills an empty, migrated database with `people` people and `groups` groups in a few set-based
 * statements (seconds, not 100,000 round trips), then VACUUM ANALYZE so the planner and the
 * visibility map see the data as a long-running database would.
 *
 * Names are a first name and a two-syllable surname: each surname is shared by about
 * people / 400 people, so searching one finds a few hundred. Ids are random-looking like cuids.
 * Each person is in 0 to 3 groups drawn with a skew (group-1 is large, most are small), as real
 * directories have an "everyone"-like group beside many teams. random() is seeded: every run
 * gets the same data.
 */
export async function seedPeople(db: Database, { people, groups }: PeopleSeed): Promise<void> {
	await db.$executeRaw`SELECT setseed(0.42)`;
	await db.$executeRaw`
		INSERT INTO "Group" ("id", "name", "updatedAt")
		SELECT 'group-' || g, 'Group ' || lpad(g::text, 4, '0'), now()
		FROM generate_series(1, ${groups}::int) AS g`;
	// The random parts are drawn in a subquery so name and email agree (PostgreSQL evaluates a
	// subquery's volatile columns once per row rather than inlining them).
	await db.$executeRaw`
		INSERT INTO "Person" ("id", "email", "name", "role", "status", "createdAt", "updatedAt")
		SELECT 'c' || substr(md5(n::text), 1, 24),
			lower(first || '.' || surname) || '.' || n || '@example.com',
			first || ' ' || surname,
			(CASE WHEN n % 50 = 0 THEN 'admin' WHEN n % 50 = 1 THEN 'support' ELSE 'member' END)::"Role",
			(CASE WHEN n % 20 = 0 THEN 'deactivated' ELSE 'active' END)::"PersonStatus",
			timestamp '2024-01-01' + n * interval '7 minutes',
			now()
		FROM (
			SELECT n,
				firsts[1 + floor(random() * 40)::int] AS first,
				initcap(syllables[1 + floor(random() * 20)::int] || syllables[1 + floor(random() * 20)::int]) AS surname
			FROM generate_series(1, ${people}::int) AS n,
				(SELECT
					ARRAY['Ada','Ben','Chloé','Dmitri','Elif','Farah','Goran','Hana','Ines','Jonas',
						'Kofi','Lena','Mateo','Nadia','Omar','Priya','Quinn','Rosa','Sven','Tomás',
						'Uma','Viktor','Wen','Xavier','Yara','Zeno','Amara','Bruno','Carmen','Dara',
						'Emil','Freya','Gil','Hugo','Ivy','Jun','Kira','Luca','Mira','Nils'] AS firsts,
					ARRAY['bar','cel','dov','fen','gor','hal','jiv','kem','lun','mos',
						'nar','pel','quo','rin','sav','tor','ulm','vek','wyn','zar'] AS syllables
				) AS words
		) AS generated`;
	// 0-3 groups per person; pow(random(), 3) crowds the draws towards the first groups.
	await db.$executeRaw`
		INSERT INTO "GroupMembership" ("personId", "groupId")
		SELECT p."id", 'group-' || (1 + floor(pow(random(), 3) * ${groups}::int))::int
		FROM (SELECT "id", floor(random() * 4)::int AS count FROM "Person") AS p,
			generate_series(1, p.count) AS slot
		ON CONFLICT DO NOTHING`;
	await db.$executeRawUnsafe('VACUUM ANALYZE');
}
