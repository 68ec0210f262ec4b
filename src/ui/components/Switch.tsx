/**
 * An on/off switch: a checkbox with the switch role, so it reads "Enabled, switch, on". `label`
 * is its accessible name; `visible` what is written beside it (hidden from screen readers when it
 * only repeats the state).
 */
export const Switch = ({
  checked,
  onChange,
  label,
  visible,
}: {
  checked: boolean
  onChange: () => void
  label: string
  visible: string
}) => (
  <label className="switch">
    <input
      type="checkbox"
      role="switch"
      aria-checked={checked}
      checked={checked}
      onChange={onChange}
      aria-label={label}
    />
    <span aria-hidden="true">{visible}</span>
  </label>
)
