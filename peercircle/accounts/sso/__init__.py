"""University sign-in (SAML 2.0 and OpenID Connect) through allauth's own providers.

One allauth `SocialApp` per institution; its settings JSON carries `verified_email`: the
list of email domains the institution covers (allauth trusts addresses in them as verified).
"""
