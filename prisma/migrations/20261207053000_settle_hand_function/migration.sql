-- Settling a hand in ONE round trip (src/ledger/transactions.ts, settleHand): the whole
-- transaction is this function, called as one autocommit statement. Inside PL/pgSQL each statement
-- takes a fresh snapshot (READ COMMITTED), so the checks read the rows as locked and the final
-- conservation check reads the rows as written: the pitfall of doing it all in one SQL statement,
-- whose data-modifying WITH queries all see the statement's starting snapshot, does not arise.
--
-- Locks are taken in the ledger's global order (ledger-statements.ts): accounts by ascending id,
-- seats by ascending id, the table row, the hand row. A refusal is returned as a value before
-- anything is written; a broken invariant after the writes raises, which undoes the whole call.
CREATE FUNCTION "settle_hand"(
    p_table UUID,
    p_hand INTEGER,
    p_epoch BIGINT,
    p_commitment TEXT,
    p_deck TEXT,
    p_salt TEXT,
    p_history TEXT,
    p_result JSONB,
    p_rake NUMERIC,
    p_seats INTEGER[],
    p_stacks NUMERIC[],
    p_key TEXT,
    p_hash TEXT,
    p_house_shard INTEGER,
    p_lock_timeout TEXT
) RETURNS JSONB LANGUAGE plpgsql AS $$
DECLARE
    v_escrow_id BIGINT;
    v_escrow_balance NUMERIC;
    v_house_id BIGINT;
    v_table RECORD;
    v_hand RECORD;
    v_replay RECORD;
    v_bad_seat INTEGER;
    v_listed NUMERIC;
    v_unlisted NUMERIC;
    v_all NUMERIC;
    v_transfer BIGINT;
    v_result JSONB;
BEGIN
    PERFORM set_config('lock_timeout', p_lock_timeout, true);

    PERFORM 1 FROM "accounts"
        WHERE "table_id" = p_table OR ("kind" = 'HOUSE' AND "shard" = p_house_shard)
        ORDER BY "id" FOR NO KEY UPDATE;
    PERFORM 1 FROM "seats" WHERE "table_id" = p_table ORDER BY "id" FOR NO KEY UPDATE;
    SELECT "status", "chip_unit", "rake_basis_points", "rake_cap", "owner_epoch", "hand_number"
        INTO v_table FROM "poker_tables" WHERE "id" = p_table FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/unknown-table', 'message', 'no such table');
    END IF;
    SELECT "id", "status", "deck_commitment" INTO v_hand FROM "hands"
        WHERE "table_id" = p_table AND "number" = p_hand FOR NO KEY UPDATE;

    SELECT "request_hash", "result" INTO v_replay FROM "idempotency_records" WHERE "key" = p_key;
    IF FOUND THEN
        IF v_replay."request_hash" <> p_hash THEN
            RETURN jsonb_build_object('ok', false, 'code', 'ledger/idempotency-conflict',
                'message', 'this idempotency key was used for a different request');
        END IF;
        RETURN jsonb_build_object('ok', true, 'replayed', true, 'result', v_replay."result");
    END IF;

    SELECT "id", "balance" INTO v_escrow_id, v_escrow_balance FROM "accounts"
        WHERE "kind" = 'ESCROW' AND "table_id" = p_table;
    IF v_escrow_id IS NULL THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/unknown-table', 'message', 'no such table');
    END IF;
    SELECT "id" INTO v_house_id FROM "accounts" WHERE "kind" = 'HOUSE' AND "shard" = p_house_shard;
    IF v_house_id IS NULL THEN
        RAISE EXCEPTION 'the HOUSE shard account % is missing', p_house_shard;
    END IF;

    IF p_epoch IS NOT NULL AND p_epoch <> v_table."owner_epoch" THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/stale-epoch', 'message',
            format('the table is owned at epoch %s, not %s', v_table."owner_epoch", p_epoch));
    END IF;
    IF p_hand <> v_table."hand_number" + 1 THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/stale-hand', 'message',
            format('the table expects hand %s, not %s', v_table."hand_number" + 1, p_hand));
    END IF;
    IF v_hand."id" IS NOT NULL AND v_hand."status" <> 'DEALT' THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/stale-hand', 'message',
            format('hand %s is over', p_hand));
    END IF;
    IF v_hand."id" IS NOT NULL AND v_hand."deck_commitment" <> p_commitment THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/settlement-mismatch', 'message',
            format('hand %s was dealt from another deck', p_hand));
    END IF;

    -- Conservation, on the locked rows: the listed seats are occupied, every amount is in chip
    -- units, the rake keeps the table's rule, and the new stacks, the seats not dealt in and the
    -- rake come to exactly what the escrow holds, which is what the seats held before the hand.
    SELECT n."seat_no" INTO v_bad_seat
        FROM unnest(p_seats, p_stacks) AS n("seat_no", "stack")
        LEFT JOIN "seats" s ON s."table_id" = p_table AND s."seat_no" = n."seat_no"
        WHERE s."id" IS NULL OR s."status" NOT IN ('SEATED', 'SITTING_OUT')
        LIMIT 1;
    IF v_bad_seat IS NOT NULL THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/settlement-mismatch', 'message',
            format('seat %s has no player', v_bad_seat));
    END IF;
    SELECT n."seat_no" INTO v_bad_seat FROM unnest(p_seats, p_stacks) AS n("seat_no", "stack")
        WHERE mod(n."stack", v_table."chip_unit") <> 0 LIMIT 1;
    IF v_bad_seat IS NOT NULL THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/settlement-mismatch', 'message',
            format('the stack of seat %s is not in chip units', v_bad_seat));
    END IF;
    IF mod(p_rake, v_table."chip_unit") <> 0 THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/settlement-mismatch',
            'message', 'the rake is not in chip units');
    END IF;
    IF v_table."rake_basis_points" = 0 AND p_rake <> 0 THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/settlement-mismatch',
            'message', 'this table takes no rake');
    END IF;
    IF v_table."rake_cap" > 0 AND p_rake > v_table."rake_cap" THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/settlement-mismatch', 'message',
            format('the rake exceeds the cap of %s', trim_scale(v_table."rake_cap")));
    END IF;
    SELECT coalesce(sum(n."stack"), 0) INTO v_listed FROM unnest(p_stacks) AS n("stack");
    SELECT coalesce(sum("stack"), 0) INTO v_unlisted FROM "seats"
        WHERE "table_id" = p_table AND "seat_no" <> ALL (p_seats);
    IF v_listed + v_unlisted + p_rake <> v_escrow_balance THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/settlement-mismatch', 'message',
            format('stacks plus rake come to %s but the escrow holds %s',
                trim_scale(v_listed + v_unlisted + p_rake), trim_scale(v_escrow_balance)));
    END IF;
    SELECT coalesce(sum("stack"), 0) INTO v_all FROM "seats" WHERE "table_id" = p_table;
    IF v_all <> v_escrow_balance THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/settlement-mismatch',
            'message', 'the escrow no longer equals the seats before the hand: audit the table');
    END IF;

    -- The writes: the key with its result, the rake transfer and both balances, the hand's record,
    -- the table's hand number and the seats' stacks.
    IF p_rake > 0 THEN
        v_transfer := nextval('transfers_id_seq');
    END IF;
    v_result := jsonb_build_object('handNumber', p_hand, 'rake', p_rake::text, 'transferId', v_transfer::text);
    INSERT INTO "idempotency_records" ("key", "operation", "request_hash", "result")
        VALUES (p_key, 'settleHand', p_hash, v_result)
        ON CONFLICT ("key") DO NOTHING;
    IF NOT FOUND THEN
        -- A twin committed the key although we hold the table's lock: let the caller try again.
        RAISE EXCEPTION 'idempotency key % was taken meanwhile', p_key USING ERRCODE = 'serialization_failure';
    END IF;
    IF p_rake > 0 THEN
        INSERT INTO "transfers" ("id", "debit_account_id", "credit_account_id", "amount", "kind",
                "idempotency_key", "request_hash", "table_id", "hand_number")
            VALUES (v_transfer, v_escrow_id, v_house_id, p_rake, 'RAKE', p_key, p_hash, p_table, p_hand);
        UPDATE "accounts" SET "balance" = "balance" - p_rake WHERE "id" = v_escrow_id;
        UPDATE "accounts" SET "balance" = "balance" + p_rake WHERE "id" = v_house_id;
    END IF;
    IF v_hand."id" IS NOT NULL THEN
        UPDATE "hands" SET "status" = 'SETTLED', "history" = p_history, "result" = "result" || p_result,
                "rake" = p_rake
            WHERE "id" = v_hand."id";
    ELSE
        INSERT INTO "hands" ("table_id", "number", "status", "owner_epoch", "deck_commitment", "deck",
                "salt", "history", "result", "rake")
            VALUES (p_table, p_hand, 'SETTLED', coalesce(p_epoch, v_table."owner_epoch"), p_commitment,
                p_deck, p_salt, p_history, p_result, p_rake);
    END IF;
    UPDATE "poker_tables" SET "hand_number" = p_hand WHERE "id" = p_table;
    UPDATE "seats" s SET "stack" = n."stack", "updated_at" = now()
        FROM unnest(p_seats, p_stacks) AS n("seat_no", "stack")
        WHERE s."table_id" = p_table AND s."seat_no" = n."seat_no";

    -- Checked again as written (each statement above saw the one before): the escrow holds exactly
    -- the seats' chips. Raising here undoes the whole call.
    IF (SELECT "balance" FROM "accounts" WHERE "id" = v_escrow_id)
        <> (SELECT coalesce(sum("stack"), 0) FROM "seats" WHERE "table_id" = p_table) THEN
        RAISE EXCEPTION 'settlement of hand % of table % breaks conservation', p_hand, p_table
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN jsonb_build_object('ok', true, 'replayed', false, 'result', v_result);
END;
$$;
