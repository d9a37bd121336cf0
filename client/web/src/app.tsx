import { useEffect } from 'preact/hooks';
import { logout as logoutRequest, me } from './api/endpoints.js';
import { isSessionLost } from './api/http.js';
import { ConnectionBanner } from './components/connection-banner.js';
import { Toasts } from './components/toasts.js';
import { TopBar } from './components/top-bar.js';
import { AdminPage } from './pages/admin-page.js';
import { CashierPage } from './pages/cashier-page.js';
import { HandReplayPage } from './pages/hand-replay-page.js';
import { HandsPage } from './pages/hands-page.js';
import { LobbyPage } from './pages/lobby-page.js';
import { LoginPage } from './pages/login-page.js';
import { TablePage } from './pages/table-page.js';
import { TournamentPage } from './pages/tournament-page.js';
import { TournamentsPage } from './pages/tournaments-page.js';
import { startConnection, stopConnection, whenConnectionRefused } from './realtime/connection.js';
import { followTournamentNotices } from './realtime/tournament-notices.js';
import { navigate, type Route, useRoute } from './router.js';
import { type Session, sessionStore } from './state/session.js';
import { useStore } from './state/store.js';
import { refreshWallet, walletStore } from './state/wallet.js';

whenConnectionRefused(() => sessionStore.set(null));

function Page({ route, session }: { route: Route; session: Session }) {
  switch (route.page) {
    case 'table':
      return <TablePage key={route.tableId} tableId={route.tableId} session={session} />;
    case 'tournaments':
      return <TournamentsPage session={session} />;
    case 'tournament':
      return <TournamentPage key={route.tournamentId} tournamentId={route.tournamentId} session={session} />;
    case 'hands':
      return <HandsPage />;
    case 'hand':
      return <HandReplayPage key={route.handId} handId={route.handId} />;
    case 'cashier':
      return <CashierPage session={session} />;
    case 'admin':
      return session.user.role === 'admin' ? <AdminPage /> : <LobbyPage session={session} />;
    default:
      return <LobbyPage session={session} />;
  }
}

export function App() {
  const session = useStore(sessionStore);
  const route = useRoute();
  const token = session?.token ?? null;

  // One Socket.IO connection per login; the session is checked once at start-up.
  useEffect(() => {
    if (!token) {
      stopConnection();
      walletStore.set(null);
      return;
    }
    startConnection(token);
    const stopNotices = followTournamentNotices();
    void refreshWallet();
    me().catch((error: unknown) => {
      if (isSessionLost(error)) sessionStore.set(null);
    });
    return () => {
      stopNotices();
      stopConnection();
    };
  }, [token]);

  useEffect(() => {
    if (session && route.page === 'login') navigate({ page: 'lobby' });
  }, [session, route.page]);

  if (!session) return <LoginPage />;
  const logout = async () => {
    try {
      await logoutRequest();
    } catch {
      // Logged out locally either way; the server session expires by itself.
    }
    sessionStore.set(null);
  };
  return (
    <div class="app">
      <TopBar session={session} route={route} onLogout={logout} />
      <ConnectionBanner />
      <Page route={route} session={session} />
      <Toasts />
    </div>
  );
}
