-- Workflow run records of every process. A row is made when a process claims a fresh run id (record still null,
-- so readers skip it), then its record is replaced whole after every change. Which process runs a run is not a
-- column: it is the session-level advisory lock (class 0x50420005, hashtext(id)) the running process's own
-- database session holds, which the server drops when that session ends (process killed, machine gone), so a
-- record that says RUNNING with nobody holding its lock reads as INTERRUPTED on every machine.
CREATE TABLE patchbay_runs (
  id         text        PRIMARY KEY,
  -- From the record, for listing newest first without reading every record.
  started_at timestamptz,
  -- The run record as JSON, secrets already redacted by the engine.
  record     text,
  -- What a resume needs that the record redacts, sealed under the master key and bound to the run id: the
  -- database keeps it but cannot open it.
  sealed     bytea,
  -- A run another engine drives (Temporal's workers record theirs here): nobody here holds its lock, and it reads
  -- with the status its record says.
  driven_elsewhere boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX patchbay_runs_newest ON patchbay_runs (started_at DESC NULLS LAST, id DESC) WHERE record IS NOT NULL;
