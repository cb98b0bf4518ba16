-- A group's member ids straight from the index (decision 023): the people list's group filter
-- probes (groupId, personId) for each person it walks, and reads a group's members without
-- visiting the table. The (groupId) index it replaces is its prefix.
DROP INDEX "GroupMembership_groupId_idx";
CREATE INDEX "GroupMembership_groupId_personId_idx" ON "GroupMembership"("groupId", "personId");
