-- CreateEnum
CREATE TYPE "BulkJobStatus" AS ENUM ('queued', 'running', 'cancelled', 'finished');

-- CreateEnum
CREATE TYPE "BulkJobRoomStatus" AS ENUM ('pending', 'changed', 'unchanged', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "BulkJob" (
    "id" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "change" JSONB NOT NULL,
    "selection" TEXT NOT NULL,
    "status" "BulkJobStatus" NOT NULL DEFAULT 'queued',
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "BulkJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkJobRoom" (
    "jobId" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "status" "BulkJobRoomStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "before" JSONB,
    "update" JSONB,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "BulkJobRoom_pkey" PRIMARY KEY ("jobId","roomId")
);

-- CreateIndex
CREATE INDEX "BulkJob_createdAt_idx" ON "BulkJob"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "BulkJob_status_leaseExpiresAt_idx" ON "BulkJob"("status", "leaseExpiresAt");

-- CreateIndex
CREATE INDEX "BulkJobRoom_jobId_status_idx" ON "BulkJobRoom"("jobId", "status");

-- AddForeignKey
ALTER TABLE "BulkJobRoom" ADD CONSTRAINT "BulkJobRoom_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "BulkJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;
