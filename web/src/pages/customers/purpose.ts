import { useLabels } from '../../i18n/labels.ts';

/** A purpose of the policy by its name in the page's language; `everything` names no purpose (all of them). */
export function usePurposeLabel(): (purpose: string | null, everything: string) => string {
  const labels = useLabels();
  return (purpose, everything) => (purpose === null ? everything : labels.purpose(purpose));
}
