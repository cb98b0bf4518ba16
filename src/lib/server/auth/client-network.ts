import { isIPv4, isIPv6 } from 'node:net';

/**
 * The network a sign-in limit counts an address under: an IPv4 address itself, an IPv6 address's
 * /64, which one subscriber usually gets whole (counting single IPv6 addresses would give them
 * 2^64 fresh limits). IPv4-mapped IPv6 addresses count as the IPv4 address they carry. Anything
 * else (a proxy header gone wrong) is kept, percent-encoded so it never contains '|'.
 */
export function clientNetwork(address: string): string {
	const ip = address.split('%')[0]!.toLowerCase();
	if (isIPv4(ip)) return ip;
	if (!isIPv6(ip)) return encodeURIComponent(address);
	const groups = hextets(ip);
	if (groups.slice(0, 6).join(':') === '0:0:0:0:0:ffff') {
		return groups
			.slice(6)
			.flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 255])
			.join('.');
	}
	return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, without leading zeros: '2001:db8::1' -> 2001, db8, 0, ... */
function hextets(ip: string): string[] {
	const [head, tail] = ip.split('::') as [string, string | undefined];
	const part = (text: string | undefined) => (text ? text.split(':').flatMap(embeddedIPv4) : []);
	const start = part(head);
	const end = part(tail);
	const zeros = Array<string>(8 - start.length - end.length).fill('0');
	return [...start, ...zeros, ...end].map((group) => parseInt(group, 16).toString(16));
}

// '1.2.3.4' at the end of an IPv6 address stands for two groups.
function embeddedIPv4(group: string): string[] {
	if (!group.includes('.')) return [group];
	const [a, b, c, d] = group.split('.').map(Number) as [number, number, number, number];
	return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
