-- CreateTable
CREATE TABLE "Room" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "defaultAccesses" JSONB NOT NULL DEFAULT '[]',
    "groupsAccesses" JSONB NOT NULL DEFAULT '{}',
    "usersAccesses" JSONB NOT NULL DEFAULT '{}',
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastConnectionAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activeUsers" INTEGER,
    "activeCheckedAt" TIMESTAMP(3),

    CONSTRAINT "Room_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Room_organizationId_id_idx" ON "Room"("organizationId", "id");

-- CreateIndex
CREATE INDEX "Room_searchText_trgm_idx" ON "Room" USING GIN ("searchText" gin_trgm_ops);
