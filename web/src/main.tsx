import '@mantine/core/styles.css';
import { type CSSVariablesResolver, MantineProvider, createTheme } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { router } from './app/router.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import { SessionProvider } from './session/session.tsx';

// Shade 8 of indigo: white text on it, and it as text on its light shade, pass WCAG AA contrast (axe checks it).
const theme = createTheme({ primaryColor: 'indigo', primaryShade: { light: 8, dark: 6 }, defaultRadius: 'sm' });

// Mantine's dimmed text (input descriptions, hints) and placeholders are gray 6 on white, 3.3:1; WCAG AA
// (1.4.3) asks 4.5:1 for text, so both are gray 7 (8:1) in the light scheme. The same holds for the error
// text at a field (red 6, 3.3:1): red 9 (5.6:1).
const contrastVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});

const root = document.getElementById('root');
if (root === null) throw new Error('no #root');
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={contrastVariables}>
      <I18nProvider>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </I18nProvider>
    </MantineProvider>
  </StrictMode>,
);
