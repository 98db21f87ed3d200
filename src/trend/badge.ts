/** A Shields.io endpoint badge (https://shields.io/badges/endpoint-badge): label, message and colour. */
export interface Badge {
  schemaVersion: 1;
  label: string;
  message: string;
  color: string;
}

/** Colour by score range: the ranges the README explains. */
export function badgeColor(score: number | null): string {
  if (score === null) return 'lightgrey';
  if (score >= 90) return 'brightgreen';
  if (score >= 80) return 'green';
  if (score >= 70) return 'yellowgreen';
  if (score >= 60) return 'yellow';
  if (score >= 50) return 'orange';
  return 'red';
}

/** badge.json's text for a score ("87/100"; "no score" when the export had none). */
export function renderBadge(score: number | null, label = 'Discord health'): string {
  const badge: Badge = {
    schemaVersion: 1,
    label,
    message: score === null ? 'no score' : `${Math.round(score)}/100`,
    color: badgeColor(score),
  };
  return `${JSON.stringify(badge, null, 2)}\n`;
}
