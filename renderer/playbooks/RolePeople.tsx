import type { RolePeopleView, RolePerson } from '../../shared/channels/playbooks';
import { useMutation, useQuery } from '../data/useQuery';
import './role-people.css';

/**
 * Who plays each RACI role of an execution (issue 13, point 5), editable while it runs, and who
 * is responsible for each step. Mounted in the execution screen below the steps.
 */
export function RolePeople(props: { executionId: string }) {
  const query = useQuery('playbooks.rolePeople', { executionId: props.executionId }, { toast: false });
  const save = useMutation('playbooks.setRolePeople');
  const view = query.data;
  if (!view) return null;
  const change = async (role: string, userIds: number[]) => {
    const next = await save.run({ executionId: view.executionId, role, userIds });
    if (next) query.set(next);
  };
  return (
    <section className="card pb-people pb-no-print" aria-labelledby="pb-people-title">
      <h2 id="pb-people-title">People</h2>
      <p className="muted pb-small">
        {view.editable
          ? 'Who plays each role of this playbook. The account’s owner is the CSM when it starts.'
          : 'Who played each role of this playbook.'}
      </p>
      <table className="table compact pb-people-roles" aria-label="Roles and people">
        <tbody>
          {view.roles.map((r) => (
            <RoleRow
              key={r.role}
              role={r.role}
              people={r.people}
              users={view.users}
              editable={view.editable}
              busy={save.pending}
              onChange={(ids) => change(r.role, ids)}
            />
          ))}
        </tbody>
      </table>
      <StepsResponsible steps={view.steps} />
    </section>
  );
}

function RoleRow(props: {
  role: string;
  people: RolePerson[];
  users: RolePerson[];
  editable: boolean;
  busy: boolean;
  onChange: (userIds: number[]) => void;
}) {
  const { role, people, users, editable, busy } = props;
  const ids = people.map((p) => p.userId);
  const others = users.filter((u) => !ids.includes(u.userId));
  return (
    <tr>
      <th scope="row">{role}</th>
      <td>
        <ul className="pb-people-list" aria-label={`People playing ${role}`}>
          {people.length === 0 && <li className="muted">No one</li>}
          {people.map((p) => (
            <li key={p.userId} className="pb-person">
              <span title={p.email ?? undefined}>{p.userName}</span>
              {editable && (
                <button
                  type="button"
                  className="link-button"
                  disabled={busy}
                  aria-label={`Remove ${p.userName} from ${role}`}
                  onClick={() => props.onChange(ids.filter((id) => id !== p.userId))}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      </td>
      <td>
        {editable && others.length > 0 && (
          <select
            aria-label={`Add a person to ${role}`}
            value=""
            disabled={busy}
            onChange={(e) => {
              const id = Number(e.target.value);
              if (id) props.onChange([...ids, id]);
            }}
          >
            <option value="">Add…</option>
            {others.map((u) => (
              <option key={u.userId} value={u.userId}>
                {u.userName}
              </option>
            ))}
          </select>
        )}
      </td>
    </tr>
  );
}

function StepsResponsible(props: { steps: RolePeopleView['steps'] }) {
  return (
    <>
      <h3>Responsible for each step</h3>
      <ol className="plain-list pb-small pb-people-steps" aria-label="Responsible for each step">
        {props.steps.map((s) => (
          <li key={s.stepId} className={s.status === 'pending' ? undefined : 'muted'}>
            <span className="pb-people-step">{s.name}</span>{' '}
            {s.people.length > 0 ? (
              s.people.map((p) => p.userName).join(', ')
            ) : (
              <span className="muted">No one yet ({s.roles.join(', ')})</span>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
