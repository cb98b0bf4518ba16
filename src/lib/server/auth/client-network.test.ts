import { describe, expect, it } from 'vitest';
import { clientNetwork } from './client-network';

describe('clientNetwork', () => {
	it('counts an IPv4 address as itself, also when it comes IPv4-mapped', () => {
		expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
		expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
		expect(clientNetwork('::FFFF:127.0.0.1')).toBe('127.0.0.1');
		expect(clientNetwork('::ffff:cb00:7107')).toBe('203.0.113.7');
	});

	it('counts every address of one IPv6 /64 as one network, however it is written', () => {
		const network = '2001:db8:85a3:7::/64';
		for (const address of [
			'2001:db8:85a3:7::1',
			'2001:0db8:85a3:0007:ffff:ffff:ffff:ffff',
			'2001:DB8:85A3:7:0:0:0:0',
			'2001:db8:85a3:7:1::',
			'2001:db8:85a3:7::1%eth0',
			'2001:db8:85a3:7::192.0.2.1'
		]) {
			expect(clientNetwork(address), address).toBe(network);
		}
		expect(clientNetwork('2001:db8:85a3:8::1')).toBe('2001:db8:85a3:8::/64');
	});

	it('writes the /64 without leading zeros, the loopback address included', () => {
		expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
		expect(clientNetwork('fe80::1')).toBe('fe80:0:0:0::/64');
	});

	it('keeps anything that is not an IP address apart, without the separator of limit keys', () => {
		expect(clientNetwork('')).toBe('');
		expect(clientNetwork('unknown')).toBe('unknown');
		expect(clientNetwork('1.2.3.4|x@example.com')).toBe('1.2.3.4%7Cx%40example.com');
	});
});
