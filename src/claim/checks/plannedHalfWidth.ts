/**
 * The half-width a check's trials are sized for: margin/2, or (margin − |bias|)/2 where a planning
 * bias (a finite-width net, a simplified model) would otherwise spend the room sizing leaves for
 * the noise. Shared by meanWithin and meanAgainstReference; the decision never sees the bias.
 */
import { fmt } from '../../text/format.ts';

export function plannedHalfWidth(
  check: string,
  margin: number,
  bias: { value: number; basis: string } | undefined,
  unit = '',
): { halfWidth: number; planned: string } {
  const offset = Math.abs(bias?.value ?? 0);
  if (!(offset < margin))
    throw new RangeError(`${check}: a planning bias must be finite and smaller than the margin ${margin}, got ${bias?.value}`);
  const halfWidth = (margin - offset) / 2;
  const u = unit ? ` ${unit}` : '';
  const planned = bias
    ? `(margin − |bias|)/2 = ${fmt(halfWidth)}${u} (bias ${fmt(bias.value)}: ${bias.basis})`
    : `margin/2 = ${fmt(halfWidth)}${u}`;
  return { halfWidth, planned };
}
