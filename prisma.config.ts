import { defineConfig } from 'prisma/config';

// The CLI is used to author migrations; the app applies them itself (scripts/services/migrate.ts).
export default defineConfig({
	schema: 'prisma/schema.prisma',
	migrations: { path: 'prisma/migrations' },
	datasource: { url: process.env.DATABASE_URL ?? '' }
});
