-- The number of the last change saved to the record of a run another engine drives (Temporal's workers number a
-- run's changes): a change is saved only over a row holding an older one, so a late write from a worker that lost
-- the run never undoes a later change. Null for runs of this engine, and for records saved before this column.
ALTER TABLE patchbay_runs ADD COLUMN change_sequence bigint;
