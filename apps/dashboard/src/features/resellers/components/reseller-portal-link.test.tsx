import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setSession } from '@/lib/session';
import { seller } from '@/testing/fixtures';
import { renderWithApp } from '@/testing/render';
import { ResellerPortalLink } from './reseller-portal-link';

describe('ResellerPortalLink', () => {
  it("links to the portal's sign-in with the signed-in seller in it, to copy", () => {
    setSession({ token: 'tok_1', seller: seller() });
    renderWithApp(<ResellerPortalLink />);

    const url = `${window.location.origin}/reseller/sign-in?seller=${seller().id}`;
    expect(screen.getByLabelText('Reseller portal link')).toHaveValue(url);
    expect(screen.getByText(/resellers sign in here/i)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy reseller portal link' })).toBeInTheDocument();
  });

  it('says in a line who signs in there', () => {
    setSession({ token: 'tok_1', seller: seller() });
    renderWithApp(<ResellerPortalLink variant="inline" username="bob" />);
    const line = screen.getByTestId('reseller-portal-link');
    expect(line).toHaveTextContent(/^bob signs in at/);
    expect(line).toHaveTextContent(`${window.location.origin}/reseller/sign-in?seller=${seller().id}`);
    expect(screen.getByRole('button', { name: 'Copy reseller portal link' })).toBeInTheDocument();
  });
});
