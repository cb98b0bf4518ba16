-- Who each room lets in: one row per default, group or user entry that grants a base level
-- (docs/decisions/008-rooms-a-person-can-enter.md). Kept by the triggers below from the room's
-- accesses, in the same statement that writes them, so every writer of "Room" keeps it exact.
CREATE TABLE "RoomGrant" (
    "roomId" TEXT NOT NULL,
    "principal" TEXT NOT NULL,
    "level" TEXT NOT NULL,

    CONSTRAINT "RoomGrant_pkey" PRIMARY KEY ("roomId", "principal"),
    CONSTRAINT "RoomGrant_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The rooms of a set of principals, in room id order for keyset pages.
CREATE INDEX "RoomGrant_principal_roomId_idx" ON "RoomGrant"("principal", "roomId");

-- The base level a scope list grants, as $lib/access/scopes.ts reads it: the higher of the base
-- scopes it holds (legacy room:* aliases included), or NULL for none.
CREATE FUNCTION room_base_level(scopes JSONB) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN jsonb_typeof(scopes) <> 'array' THEN NULL
        WHEN scopes ?| ARRAY['*:write', 'room:write'] THEN 'write'
        WHEN scopes ?| ARRAY['*:read', 'room:read'] THEN 'read'
    END
$$;

-- Principals: '*' for the default, 'group:<id>', 'user:<id>'.
CREATE FUNCTION room_grants_of(default_accesses JSONB, groups_accesses JSONB, users_accesses JSONB)
RETURNS TABLE (principal TEXT, level TEXT)
LANGUAGE sql IMMUTABLE AS $$
    SELECT '*', room_base_level(default_accesses)
        WHERE room_base_level(default_accesses) IS NOT NULL
    UNION ALL
    SELECT 'group:' || key, room_base_level(value) FROM jsonb_each(groups_accesses)
        WHERE room_base_level(value) IS NOT NULL
    UNION ALL
    SELECT 'user:' || key, room_base_level(value) FROM jsonb_each(users_accesses)
        WHERE room_base_level(value) IS NOT NULL
$$;

-- A new room has no grants yet (a deleted room's went with it), so inserting needs no lookup: a
-- bulk INSERT of many rooms stays linear.
CREATE FUNCTION room_grants_on_insert() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "RoomGrant" ("roomId", principal, level)
        SELECT NEW.id, grants.principal, grants.level
        FROM room_grants_of(NEW."defaultAccesses", NEW."groupsAccesses", NEW."usersAccesses") grants;
    RETURN NULL;
END
$$;

CREATE FUNCTION room_grants_on_update() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "RoomGrant" WHERE "roomId" = OLD.id;
    INSERT INTO "RoomGrant" ("roomId", principal, level)
        SELECT NEW.id, grants.principal, grants.level
        FROM room_grants_of(NEW."defaultAccesses", NEW."groupsAccesses", NEW."usersAccesses") grants;
    RETURN NULL;
END
$$;

CREATE TRIGGER "Room_grants_on_insert" AFTER INSERT ON "Room"
    FOR EACH ROW EXECUTE FUNCTION room_grants_on_insert();

CREATE TRIGGER "Room_grants_on_update" AFTER UPDATE ON "Room"
    FOR EACH ROW
    WHEN (OLD."defaultAccesses" IS DISTINCT FROM NEW."defaultAccesses"
       OR OLD."groupsAccesses" IS DISTINCT FROM NEW."groupsAccesses"
       OR OLD."usersAccesses" IS DISTINCT FROM NEW."usersAccesses")
    EXECUTE FUNCTION room_grants_on_update();

INSERT INTO "RoomGrant" ("roomId", principal, level)
    SELECT room.id, grants.principal, grants.level
    FROM "Room" room,
        room_grants_of(room."defaultAccesses", room."groupsAccesses", room."usersAccesses") grants;
