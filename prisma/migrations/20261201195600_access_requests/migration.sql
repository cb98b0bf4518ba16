-- CreateEnum
CREATE TYPE "AccessRequestStatus" AS ENUM ('pending', 'approved', 'declined');

-- CreateEnum
CREATE TYPE "AccessRequestLevel" AS ENUM ('view', 'comment', 'edit');

-- CreateTable
CREATE TABLE "AccessRequest" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "message" TEXT,
    "status" "AccessRequestStatus" NOT NULL DEFAULT 'pending',
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "level" "AccessRequestLevel",
    "declineReason" TEXT,

    CONSTRAINT "AccessRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccessRequest_status_requestedAt_idx" ON "AccessRequest"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "AccessRequest_decidedAt_id_idx" ON "AccessRequest"("decidedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AccessRequest_personId_requestedAt_idx" ON "AccessRequest"("personId", "requestedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "AccessRequest_one_pending_key" ON "AccessRequest"("personId", "roomId") WHERE (status = 'pending');

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

