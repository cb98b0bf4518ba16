import { env } from './env';
import { connectDatabase } from './prisma-client';

/** The app's one database client. */
export const db = connectDatabase(env.DATABASE_URL);
