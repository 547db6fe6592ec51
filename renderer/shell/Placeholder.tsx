export function Placeholder(props: { title: string; children: React.ReactNode }) {
  return (
    <section className="screen">
      <header className="screen-head">
        <h1>{props.title}</h1>
      </header>
      <div className="empty-state">{props.children}</div>
    </section>
  );
}
