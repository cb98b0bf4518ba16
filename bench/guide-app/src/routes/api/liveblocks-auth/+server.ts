// The endpoint of the Liveblocks guide "Set up ID token permissions with SvelteKit", as the guide
// writes it. Two changes, both for the bench: the secret and the dev server's address come from
// the environment (the guide puts the key in the file), and the guide's `__getUserFromDB__` returns
// a fixed user of Gatehouse's shape (two groups, a name and a colour), so this app pays for
// SvelteKit and identifyUser only: no session, no database.
import { type RequestEvent } from '@sveltejs/kit';
import { Liveblocks } from '@liveblocks/node';
import { env } from '$env/dynamic/private';

const liveblocks = new Liveblocks({
	secret: env.LIVEBLOCKS_SECRET_KEY!,
	baseUrl: env.LIVEBLOCKS_BASE_URL
});

const fixedUser = {
	id: 'guide-user',
	groupIds: ['guide-group-1', 'guide-group-2'],
	metadata: { name: 'Guide User', color: '#2563eb' }
};

function __getUserFromDB__(_request: Request) {
	return fixedUser;
}

export async function POST({ request }: RequestEvent) {
	// Get the current user from your database
	const user = __getUserFromDB__(request);

	// Identify the user and return the result
	const { status, body } = await liveblocks.identifyUser(
		{
			userId: user.id,
			groupIds: user.groupIds
		},
		{ userInfo: user.metadata }
	);

	return new Response(body, { status });
}
