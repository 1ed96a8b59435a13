import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A state as a badge: the colour's light shade behind dark text, so every colour passes WCAG AA contrast
 * (Mantine's own light and outline badges do not for green, yellow, orange or cyan). `alarm`: white on dark
 * red, for what is overdue.
 */
export function StateBadge({
  color,
  alarm = false,
  children,
  ...rest
}: { color: string; alarm?: boolean; children: ReactNode } & Omit<BadgeProps, 'color' | 'variant'>) {
  if (alarm) {
    return (
      <Badge color="red.9" variant="filled" {...rest}>
        {children}
      </Badge>
    );
  }
  return (
    <Badge color={color} variant="light" c="dark.8" {...rest}>
      {children}
    </Badge>
  );
}
