import { type Kysely, sql } from 'kysely';

// Issue 13, point 5: the people of the workspace each RACI role of a playbook execution is mapped
// to (several per role, a role may have none). The rows go with their execution or user.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE playbook_role_people (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
    execution_id VARCHAR(36) NOT NULL REFERENCES playbook_executions(execution_id) ON DELETE CASCADE,
    role VARCHAR(100) NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
    assigned_at DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (execution_id, role, user_id)
  )`.execute(db);
  await sql`CREATE INDEX idx_playbook_role_people_user ON playbook_role_people (customer_id, user_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS playbook_role_people`.execute(db);
}
