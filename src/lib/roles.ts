export const roles = ['admin', 'support', 'member'] as const;
export type Role = (typeof roles)[number];

/** Who may open the back office (people, groups, rooms, inspector, audit). */
export const staffRoles = ['admin', 'support'] as const satisfies readonly Role[];
