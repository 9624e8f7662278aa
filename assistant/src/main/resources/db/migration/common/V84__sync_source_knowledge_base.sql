-- A website-sync source may name a knowledge base (issue #16): the pages it syncs are added to it. Optional (NULL:
-- the pages belong to no knowledge base of their own, i.e. to 'default'); deleting the knowledge base clears it here,
-- the source keeps syncing.
ALTER TABLE sync_source ADD COLUMN knowledge_base_id VARCHAR(64);

ALTER TABLE sync_source ADD CONSTRAINT sync_source_knowledge_base FOREIGN KEY (knowledge_base_id)
    REFERENCES knowledge_base (id) ON DELETE SET NULL;
