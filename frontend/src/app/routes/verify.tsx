import { VerifyPage } from '../../features/certificates/components/verify-page';

/** /verify and /verify/:code (public, no login): the page a certificate's QR code opens. */
export default function VerifyRoute() {
  return <VerifyPage />;
}
