-- CreateEnum
CREATE TYPE "GameVariant" AS ENUM ('NT', 'PO');

-- AlterTable
ALTER TABLE "poker_tables" ADD COLUMN     "run_it_twice" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "variant" "GameVariant" NOT NULL DEFAULT 'NT';
