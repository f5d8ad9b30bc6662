-- ddl-auto=update never changes an existing sequence: a store created before orm.xml set the
-- global index's allocation to 1 kept Hibernate's 50, which leaves gaps and, across nodes, puts
-- global indexes out of commit order (STACK.md pitfall 2). Harmless where it is 1 already.
ALTER SEQUENCE "DOMAIN_EVENT_ENTRY_SEQ" INCREMENT BY 1;
