// The groups and people an access editor row can stand for, as the browser receives them.
export type GroupChoice = { id: string; name: string; memberCount: number };
export type PersonChoice = {
	id: string;
	name: string;
	email: string;
	status: 'active' | 'deactivated';
	/** Sorted, as the ID-token endpoint sends them. */
	groupIds: string[];
};
export type PrincipalChoices = {
	groups: GroupChoice[];
	people: PersonChoice[];
	/** Set when the search is a valid email nobody in the directory has: it can be invited. */
	invitable?: string;
};
