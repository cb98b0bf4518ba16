-- One writer per room at a time (decision 017): a claim row taken in one statement, with an expiry.
CREATE TABLE "RoomWriteClaim" (
    "roomId" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoomWriteClaim_pkey" PRIMARY KEY ("roomId")
);
