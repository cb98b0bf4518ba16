import { describe, expect, it } from 'vitest';
import { leaveChoice, type Leaving } from './unsaved-changes';

const to = { url: new URL('http://localhost/people') };
const link: Leaving = { type: 'link', willUnload: false, to };

describe('leaveChoice', () => {
	it('lets every navigation through when nothing is unsaved', () => {
		for (const type of ['link', 'goto', 'popstate', 'form', 'leave']) {
			expect(
				leaveChoice({ type, willUnload: type === 'leave', to: type === 'leave' ? null : to }, false)
			).toBe('stay-quiet');
		}
	});

	it('asks in the page before an in-app navigation loses changes', () => {
		expect(leaveChoice(link, true)).toBe('ask');
		expect(leaveChoice({ ...link, type: 'popstate' }, true)).toBe('ask');
		expect(leaveChoice({ ...link, type: 'goto' }, true)).toBe('ask');
	});

	it('asks in the page before a link that loads another document, too', () => {
		expect(leaveChoice({ ...link, willUnload: true }, true)).toBe('ask');
	});

	it('leaves closing or reloading the tab to the browser prompt', () => {
		expect(leaveChoice({ type: 'leave', willUnload: true, to: null }, true)).toBe('browser');
	});
});
