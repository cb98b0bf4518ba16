-- Names in natural order on every paged list: "User 2" before "User 10" (decision 036).
-- The key is the name in lower case with each run of digits zero-padded to 20 places, so byte
-- order is natural order on any PostgreSQL build, with no dependency on an ICU version.
CREATE FUNCTION name_sort_key(name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
	SELECT coalesce(string_agg(
		CASE WHEN run.part ~ '^[0-9]' THEN lpad(run.part, greatest(20, length(run.part)), '0') ELSE lower(run.part) END,
		'' ORDER BY run.position), '')
	FROM regexp_matches(name, '[0-9]+|[^0-9]+', 'g') WITH ORDINALITY AS matched(parts, position),
		LATERAL (SELECT matched.parts[1] AS part, matched.position) AS run
$$;

-- The database keeps the key, so no path that writes a name (forms, import, invites, sign-in
-- providers, scripts) can forget it.
CREATE FUNCTION keep_name_sort_key() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
	NEW."nameSortKey" := name_sort_key(NEW."name");
	RETURN NEW;
END
$$;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN "nameSortKey" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Group" ADD COLUMN "nameSortKey" TEXT NOT NULL DEFAULT '';

CREATE TRIGGER "Person_nameSortKey" BEFORE INSERT OR UPDATE ON "Person"
	FOR EACH ROW EXECUTE FUNCTION keep_name_sort_key();
CREATE TRIGGER "Group_nameSortKey" BEFORE INSERT OR UPDATE ON "Group"
	FOR EACH ROW EXECUTE FUNCTION keep_name_sort_key();

UPDATE "Person" SET "nameSortKey" = name_sort_key("name");
UPDATE "Group" SET "nameSortKey" = name_sort_key("name");

-- DropIndex
DROP INDEX "Person_name_id_idx";
DROP INDEX "Group_name_id_idx";

-- CreateIndex
CREATE INDEX "Person_nameSortKey_id_idx" ON "Person"("nameSortKey", "id");
CREATE INDEX "Group_nameSortKey_id_idx" ON "Group"("nameSortKey", "id");
