-- Substring search on names and emails (ILIKE) uses trigram indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Group_name_id_idx" ON "Group"("name", "id");

-- CreateIndex
CREATE INDEX "Person_name_id_idx" ON "Person"("name", "id");

-- CreateIndex
CREATE INDEX "Person_email_id_idx" ON "Person"("email", "id");

-- CreateIndex
CREATE INDEX "Person_createdAt_id_idx" ON "Person"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Person_name_trgm_idx" ON "Person" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Person_email_trgm_idx" ON "Person" USING GIN ("email" gin_trgm_ops);
