import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api, setCsrfToken } from '../api/client.ts';
import type { Capability } from '../../../src/guard/capability.ts';

export interface Session {
  userId: string;
  role: string;
  /** True until the account confirmed a second factor its role requires: only enrolment works then. */
  secondFactorRequired: boolean;
  /** True while the password is one someone else chose: only changing it works then. */
  passwordChangeRequired: boolean;
  /** What the back office may offer this role, from the policy the API enforces. */
  capabilities: Capability[];
}

interface SessionState {
  /** undefined while the first check runs; null when nobody is signed in. */
  session: Session | null | undefined;
  signIn: (email: string, password: string, code?: string) => Promise<void>;
  signOut: () => Promise<void>;
  refresh: () => Promise<void>;
}

const Context = createContext<SessionState | null>(null);

interface SessionAnswer extends Session {
  csrfToken: string | null;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  // Counts the sign-ins and sign-outs: the first check's answer must not overwrite one made while it ran
  // (someone who signs in before the check returned would otherwise be sent back to the sign-in page).
  const changes = useRef(0);
  const accept = useCallback((s: SessionAnswer) => {
    setCsrfToken(s.csrfToken);
    setSession({
      userId: s.userId,
      role: s.role,
      secondFactorRequired: s.secondFactorRequired,
      passwordChangeRequired: s.passwordChangeRequired,
      capabilities: s.capabilities,
    });
  }, []);
  const refresh = useCallback(async () => {
    try {
      accept(await api<SessionAnswer>('GET', '/api/session'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setCsrfToken(null);
        setSession(null);
      } else throw error;
    }
  }, [accept]);
  useEffect(() => {
    let current = true;
    const before = changes.current;
    const stillCurrent = () => current && changes.current === before;
    api<SessionAnswer>('GET', '/api/session')
      .then((s) => stillCurrent() && accept(s))
      .catch(() => {
        if (!stillCurrent()) return;
        setCsrfToken(null);
        setSession(null);
      });
    return () => {
      current = false;
    };
  }, [accept]);
  const value = useMemo<SessionState>(
    () => ({
      session,
      refresh,
      signIn: async (email, password, code) => {
        const answer = await api<SessionAnswer>('POST', '/api/session', {
          email,
          password,
          ...(code === undefined || code === '' ? {} : { code }),
        });
        changes.current += 1;
        accept(answer);
      },
      signOut: async () => {
        await api('DELETE', '/api/session').catch(() => undefined);
        changes.current += 1;
        setCsrfToken(null);
        setSession(null);
      },
    }),
    [session, refresh, accept],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(Context);
  if (s === null) throw new Error('useSession outside SessionProvider');
  return s;
}

/**
 * Whether the signed-in role holds a capability (src/guard/capability.ts): what a page shows or hides. The API
 * decides what each may really do; the web knows no role names.
 */
export const can = (s: Session | null | undefined, capability: Capability): boolean =>
  s?.capabilities.includes(capability) ?? false;
