// npm run admin:create -- --email ada@example.com [--name "Ada Lovelace"]
// Creates an admin or resets an existing person to an active admin. The password comes from
// GATEHOUSE_ADMIN_PASSWORD, or a random one is made and printed once.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { normaliseEmail } from '../src/lib/email';
import { createOrResetAdmin } from '../src/lib/server/admin-bootstrap';
import { connectDatabase } from '../src/lib/server/prisma-client';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
const databaseUrl = process.env.DATABASE_URL;
if (!values.email || !databaseUrl) {
	console.error(
		'Usage: DATABASE_URL=postgresql://... npm run admin:create -- --email <email> [--name <name>]\n' +
			'Set GATEHOUSE_ADMIN_PASSWORD to choose the password; otherwise one is generated.\n' +
			'In local mode the database is postgresql://postgres:postgres@127.0.0.1:54329/gatehouse while `npm start` runs.'
	);
	process.exit(2);
}

const password = process.env.GATEHOUSE_ADMIN_PASSWORD || randomBytes(12).toString('base64url');
const db = connectDatabase(databaseUrl);
try {
	const { created } = await createOrResetAdmin(db, { email: values.email, name: values.name, password });
	console.log(`${created ? 'Created' : 'Reset'} admin ${normaliseEmail(values.email)}.`);
	if (!process.env.GATEHOUSE_ADMIN_PASSWORD) console.log(`Password (shown once): ${password}`);
} catch (error) {
	console.error(`Could not create the admin: ${(error as Error).message}`);
	process.exitCode = 1;
} finally {
	await db.$disconnect();
}
