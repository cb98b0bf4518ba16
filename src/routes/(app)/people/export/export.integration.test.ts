import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '$lib/csv';
import { exportColumns } from '$lib/people-csv';
import { defaultPeopleQuery } from '$lib/people-query';
import type { Role } from '$lib/roles';
import { hashPassword } from '$lib/server/passwords';
import { peopleForExport } from '$lib/server/people/export';
import { planImport } from '$lib/server/people/import';
import { useAppUnderTest } from '../../../../../scripts/testing/app-under-test';
import { signIn } from '../../../../../scripts/testing/http-session';

const app = useAppUnderTest('people_export');

const tag = `exp${crypto.randomUUID().slice(0, 8)}`;
const group = `group-${tag}`;
let adminCookie: string;
let memberCookie: string;

async function person(
	name: string,
	fields: { role?: Role; status?: 'active' | 'deactivated'; groups?: string[]; password?: string } = {}
) {
	return app.db.person.create({
		data: {
			name,
			email: `${name.replaceAll(/\W/g, '').toLowerCase()}-${crypto.randomUUID().slice(0, 6)}@example.com`,
			role: fields.role,
			status: fields.status,
			passwordHash: fields.password ? await hashPassword(fields.password) : null,
			memberships: { create: (fields.groups ?? []).map((groupId) => ({ groupId })) }
		}
	});
}

beforeAll(async () => {
	await app.db.group.create({ data: { id: group, name: 'Export group' } });
	const password = crypto.randomUUID();
	const admin = await person('Export Admin', { role: 'admin', password });
	const member = await person('Export Member', { password });
	adminCookie = await signIn(app.url, admin.email, password);
	memberCookie = await signIn(app.url, member.email, password);
	await person(`${tag} Alice`, { groups: [group] });
	await person(`${tag} Bob`, { role: 'support' });
	await person(`${tag} Carol`, { status: 'deactivated', groups: [group] });
	await person(`=HYPERLINK("http://evil.example") ${tag}`);
	await person('Someone Else', { groups: [group] });
});

async function exportCsv(search: Record<string, string>, cookie = adminCookie) {
	return fetch(`${app.url}/people/export?${new URLSearchParams(search)}`, {
		headers: { cookie },
		redirect: 'manual'
	});
}

async function exportedNames(search: Record<string, string>) {
	const response = await exportCsv(search);
	expect(response.status).toBe(200);
	const [header, ...rows] = parseCsv(await response.text());
	expect(header).toEqual([...exportColumns]);
	return rows.map((row) => row[1]!);
}

describe('GET /people/export', () => {
	it('downloads the matching people as a dated CSV file', async () => {
		const response = await exportCsv({ q: tag });
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toMatch(
			/^attachment; filename="people-\d{4}-\d{2}-\d{2}\.csv"$/
		);
		const bytes = new Uint8Array(await response.arrayBuffer());
		// A UTF-8 byte-order mark first, so Excel reads the names right.
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes);
		expect(text.startsWith('email,name,role,status,groups,avatarUrl,color,createdAt\r\n')).toBe(true);
		const [, ...rows] = parseCsv(text);
		expect(rows.map((row) => row[1]).sort()).toEqual([
			`'=HYPERLINK("http://evil.example") ${tag}`,
			`${tag} Alice`,
			`${tag} Bob`,
			`${tag} Carol`
		]);
		expect(rows.find((row) => row[1] === `${tag} Alice`)).toEqual([
			expect.stringMatching(/@example\.com$/),
			`${tag} Alice`,
			'member',
			'active',
			group,
			'',
			'',
			expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/)
		]);
	});

	it('applies the list filters', async () => {
		expect((await exportedNames({ q: tag, group })).sort()).toEqual([`${tag} Alice`, `${tag} Carol`]);
		expect(await exportedNames({ q: tag, role: 'support' })).toEqual([`${tag} Bob`]);
		expect(await exportedNames({ q: tag, status: 'deactivated' })).toEqual([`${tag} Carol`]);
		expect(await exportedNames({ group })).toHaveLength(3);
	});

	it("keeps the list's order", async () => {
		const byNameDescending = await app.db.person.findMany({
			where: { name: { contains: tag } },
			orderBy: [{ name: 'desc' }, { id: 'desc' }]
		});
		expect(await exportedNames({ q: tag, sort: 'name', dir: 'desc' })).toEqual(
			byNameDescending.map((person) => person.name.replace(/^=/, "'="))
		);
	});

	it('imports back as all unchanged', async () => {
		const plan = await planImport(app.db, await (await exportCsv({ q: tag })).text());
		expect(plan.problems).toEqual([]);
		expect(plan.totals).toEqual({ create: 0, update: 0, unchanged: 4, errors: 0 });
	});

	it('refuses a member with 403 and sends a signed-out caller to sign in', async () => {
		expect((await exportCsv({}, memberCookie)).status).toBe(403);
		const signedOut = await exportCsv({}, '');
		expect(signedOut.status).toBe(303);
		expect(signedOut.headers.get('location')).toMatch(/^\/signin\?redirectTo=/);
	});
});

describe('peopleForExport', () => {
	const query = { ...defaultPeopleQuery, q: tag };
	const sortFields = { name: 'name', email: 'email', created: 'createdAt' } as const;

	it.each(['name', 'email', 'created'] as const)(
		'reads by %s in batches that together hold everyone once, in order',
		async (sort) => {
			for (const dir of ['asc', 'desc'] as const) {
				const batches = [];
				for await (const batch of peopleForExport(app.db, { ...query, sort, dir }, 3)) batches.push(batch);
				expect(batches.map((batch) => batch.length)).toEqual([3, 1]);
				const expected = await app.db.person.findMany({
					where: { name: { contains: tag } },
					orderBy: [{ [sortFields[sort]]: dir }, { id: dir }]
				});
				expect(batches.flat().map((person) => person.email)).toEqual(expected.map((person) => person.email));
			}
		}
	);
});
