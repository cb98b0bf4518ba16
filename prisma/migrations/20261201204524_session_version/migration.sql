-- A session version per person: sessions carry it, a mismatch means signed out.
ALTER TABLE "Person" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
