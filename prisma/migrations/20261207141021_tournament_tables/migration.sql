-- AlterTable
ALTER TABLE "poker_tables" ADD COLUMN     "tournament_id" UUID,
ADD COLUMN     "tournament_table_no" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "poker_tables_tournament_id_tournament_table_no_key" ON "poker_tables"("tournament_id", "tournament_table_no");

-- AddForeignKey
ALTER TABLE "poker_tables" ADD CONSTRAINT "poker_tables_tournament_id_fkey" FOREIGN KEY ("tournament_id") REFERENCES "tournaments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A tournament's table names its tournament and its number there, or neither (a cash table).
ALTER TABLE "poker_tables" ADD CONSTRAINT "poker_tables_tournament_named" CHECK (
    ("tournament_id" IS NULL) = ("tournament_table_no" IS NULL)
    AND ("tournament_table_no" IS NULL OR "tournament_table_no" >= 1)
);
