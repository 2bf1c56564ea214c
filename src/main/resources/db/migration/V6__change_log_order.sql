-- Writers lock this row just before they take a change-log revision, so revisions commit in the
-- order they were taken. Other nodes poll "revision > last seen": without the lock a revision
-- committed after a higher one would never be seen, and a deleted client or secret would keep
-- working on those nodes (SECURITY TE-17/TE-18).
INSERT INTO gatehouse_setting (setting_name, setting_value) VALUES ('change_log.order', 'lock row');
