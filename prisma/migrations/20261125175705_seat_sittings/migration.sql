-- AlterTable
ALTER TABLE "seats" ADD COLUMN     "sitting" INTEGER NOT NULL DEFAULT 0;

-- Added by hand.
ALTER TABLE "seats" ADD CONSTRAINT "seats_sitting_non_negative" CHECK ("sitting" >= 0);
