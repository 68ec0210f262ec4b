/** `<option>`s for a fixed list of values (memory types, tiers, …), with an optional "all" entry. */
export const Options = ({ values, all }: { values: readonly string[]; all?: string }) => (
  <>
    {all !== undefined && <option value="">{all}</option>}
    {values.map((value) => (
      <option key={value} value={value}>
        {value}
      </option>
    ))}
  </>
)
