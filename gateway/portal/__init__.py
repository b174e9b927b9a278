"""The reference portal (/portal): the family's and the window clerk's pages, built on the public GraphQL API alone.

Hand-written HTML, CSS and ES modules in static/, served from this origin with a policy that allows
it only; the one thing here besides the files is the development sign-in (sign_in.py).
"""
