/** A labelled persona picker whose first choice, "All personas", is `null`. */
export const PersonaSelect = ({
  label,
  personas,
  value,
  onChange,
}: {
  label: string
  personas: ReadonlyArray<{ id: string; avatar: string; name: string }>
  value: string | null
  onChange: (personaId: string | null) => void
}) => (
  <label className="field field-inline">
    <span>{label}</span>
    <select value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
      <option value="">All personas</option>
      {personas.map((p) => (
        <option key={p.id} value={p.id}>
          {`${p.avatar} ${p.name}`}
        </option>
      ))}
    </select>
  </label>
)
