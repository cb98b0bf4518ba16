-- The name sort key depends on the name alone: recompute it only when a row is inserted or its
-- name is written, not on every update (status, sign-in counters, the token count).
DROP TRIGGER "Person_nameSortKey" ON "Person";
DROP TRIGGER "Group_nameSortKey" ON "Group";

CREATE TRIGGER "Person_nameSortKey" BEFORE INSERT OR UPDATE OF "name" ON "Person"
	FOR EACH ROW EXECUTE FUNCTION keep_name_sort_key();
CREATE TRIGGER "Group_nameSortKey" BEFORE INSERT OR UPDATE OF "name" ON "Group"
	FOR EACH ROW EXECUTE FUNCTION keep_name_sort_key();
