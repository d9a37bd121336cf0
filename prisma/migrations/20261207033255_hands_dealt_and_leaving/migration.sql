-- AlterEnum
ALTER TYPE "HandStatus" ADD VALUE 'DEALT';

-- AlterTable
ALTER TABLE "seats" ADD COLUMN     "leaving" BOOLEAN NOT NULL DEFAULT false;
